package org.rdsim.core.fhd;

/**
 * Where the midpoint schemes take the face averages of their second-half noise W2, nbullet
 * (fhd-schemes.md section 4, paper eq. 30).
 */
public enum SecondHalfNoise {
    /** (30a): at the start of the step, n^k. */
    START("start"),
    /** (30b): at the predictor, n*. */
    PREDICTOR("predictor"),
    /** (30c), the default: at the extrapolated midpoint (2 n* - n^k)+. */
    EXTRAPOLATED("extrapolated");

    private final String key;

    SecondHalfNoise(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The option named {@code key}, or null. */
    public static SecondHalfNoise fromKey(String key) {
        for (SecondHalfNoise v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        return null;
    }

    /** nbullet into out, from the start n and the predictor star. */
    void bullet(double[] n, double[] star, double[] out) {
        for (int k = 0; k < n.length; k++) {
            out[k] = switch (this) {
                case START -> n[k];
                case PREDICTOR -> star[k];
                case EXTRAPOLATED -> Math.max(2 * star[k] - n[k], 0);
            };
        }
    }
}
