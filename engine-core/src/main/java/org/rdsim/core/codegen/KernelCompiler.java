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
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(type.getClassLoader());
        try {
            compiler.cook(source);
            return type.cast(compiler.getClassLoader().loadClass(className).getDeclaredConstructor().newInstance());
        } catch (CompileException | ReflectiveOperationException e) {
            throw new IllegalStateException("generated " + className + " does not compile: " + e.getMessage()
                    + "\n" + source, e);
        }
    }
}
