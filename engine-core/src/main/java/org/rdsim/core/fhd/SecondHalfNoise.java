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
        bullet(n, star, 0, out, 0, n.length);
    }

    /** nbullet of n[from ...] and star[from ...] into out[to ...], count values. */
    void bullet(double[] n, double[] star, int from, double[] out, int to, int count) {
        switch (this) {
            case START -> System.arraycopy(n, from, out, to, count);
            case PREDICTOR -> System.arraycopy(star, from, out, to, count);
            case EXTRAPOLATED -> {
                for (int k = 0; k < count; k++) {
                    out[to + k] = Math.max(2 * star[from + k] - n[from + k], 0);
                }
            }
        }
    }
}
