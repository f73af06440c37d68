package org.rdsim.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rdsim.core.model.units.Dimension;
import org.rdsim.core.model.units.Quantity;

class QuantityTest {

    @Test
    void parsesPrefixesPowersAndDivisions() {
        Quantity d = Quantity.parse("10 um^2/s");
        assertEquals(Dimension.DIFFUSIVITY, d.dimension());
        assertEquals(10e-12, d.value(), 1e-24);

        Quantity k = Quantity.parse("1e6 /M/s");
        assertEquals(Dimension.rateConstant(2), k.dimension());
        assertEquals(1e6 / (Quantity.AVOGADRO / 1e-3), k.value(), 1e-12 * k.value());

        assertEquals(Dimension.CONCENTRATION, Quantity.parse("2.5 nM").dimension());
        assertEquals(2.5e-9 * Quantity.AVOGADRO / 1e-3, Quantity.parse("2.5nM").value(), 1e3);
        assertEquals(60.0, Quantity.parse("1 min").value());
        assertEquals(1e-3, Quantity.parse("1 ms").value());
        assertEquals(1e-3, Quantity.parse("1 mm").value());
        assertEquals(1e-18, Quantity.parse("1 fL").value(), 1e-30);
        assertEquals(Dimension.rateConstant(1), Quantity.parse("0.1 1/s").dimension());
        assertEquals(Dimension.VOLUME, Quantity.parse("3 um^3").dimension());
        assertEquals(Dimension.rateConstant(0), Quantity.parse("5 nM/s").dimension());
        assertEquals(Dimension.NONE, Quantity.parse("42").dimension());
    }

    @Test
    void explainsWhatItCannotRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantity.parse("3 furlongs"));
        assertTrue(e.getMessage().contains("unknown unit 'furlongs'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Quantity.parse("um"));
        assertTrue(e.getMessage().contains("expected a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Quantity.parse("1 m^x"));
        assertTrue(e.getMessage().contains("integer power"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Quantity.parse("1 m/"));
        assertTrue(e.getMessage().contains("ends with '/'"), e.getMessage());
    }
}
