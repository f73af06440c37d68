package org.rdsim.core.codegen;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles a generated event loop (Java source of one public class with a no-argument
 * constructor) with Janino and returns an instance. The class lives in its own class loader, so
 * it sees only public types.
 */
public final class KernelCompiler {

    private KernelCompiler() {
    }

    public static <T> T compile(String source, String className, Class<T> type) {
        return compile(source, className, type, Integer.MAX_VALUE);
    }

    /**
     * As {@link #compile(String, String, Class)}, or null when the class file exceeds maxBytes:
     * HotSpot never compiles a method of more than 8000 bytes of bytecode
     * ({@code -XX:+DontCompileHugeMethods}), and a generated loop it only interprets is many
     * times slower than the table-driven one it replaces.
     */
    public static <T> T compile(String source, String className, Class<T> type, int maxBytes) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(type.getClassLoader());
        try {
            compiler.cook(source);
            if (compiler.getBytecodes().get(className).length > maxBytes) {
                return null;
            }
            return type.cast(compiler.getClassLoader().loadClass(className).getDeclaredConstructor().newInstance());
        } catch (CompileException | ReflectiveOperationException e) {
            throw new IllegalStateException("generated " + className + " does not compile: " + e.getMessage()
                    + "\n" + source, e);
        }
    }
}
