package org.rdsim.core.model;

import java.io.Serializable;

/** One side-term of a reaction: {@code count} molecules of species number {@code species}. */
public record Term(int species, int count) implements Serializable {
}
