package org.rdsim.core.model;

import java.io.Serializable;
import java.util.List;

/**
 * A set of points of the domain, in model length: the simple solids regions are built from. A
 * voxel belongs to a shape when its centre does.
 */
public sealed interface Shape extends Serializable
        permits Shape.Box, Shape.Sphere, Shape.HalfSpace, Shape.Union, Shape.Intersection, Shape.Difference {

    boolean contains(double[] x);

    /** The axis-aligned box from[a] &lt;= x[a] &lt;= to[a]. */
    record Box(double[] from, double[] to) implements Shape {
        @Override
        public boolean contains(double[] x) {
            for (int a = 0; a < x.length; a++) {
                if (x[a] < from[a] || x[a] > to[a]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** |x - center| &lt;= radius. */
    record Sphere(double[] center, double radius) implements Shape {
        @Override
        public boolean contains(double[] x) {
            double r2 = 0;
            for (int a = 0; a < x.length; a++) {
                r2 += (x[a] - center[a]) * (x[a] - center[a]);
            }
            return r2 <= radius * radius;
        }
    }

    /** The side of the plane through {@code point} that {@code normal} points to: (x - point) . normal &gt;= 0. */
    record HalfSpace(double[] point, double[] normal) implements Shape {
        @Override
        public boolean contains(double[] x) {
            double s = 0;
            for (int a = 0; a < x.length; a++) {
                s += (x[a] - point[a]) * normal[a];
            }
            return s >= 0;
        }
    }

    record Union(List<Shape> parts) implements Shape {
        @Override
        public boolean contains(double[] x) {
            for (Shape p : parts) {
                if (p.contains(x)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Intersection(List<Shape> parts) implements Shape {
        @Override
        public boolean contains(double[] x) {
            for (Shape p : parts) {
                if (!p.contains(x)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The first shape without the others. */
    record Difference(Shape base, List<Shape> minus) implements Shape {
        @Override
        public boolean contains(double[] x) {
            if (!base.contains(x)) {
                return false;
            }
            for (Shape m : minus) {
                if (m.contains(x)) {
                    return false;
                }
            }
            return true;
        }
    }
}
