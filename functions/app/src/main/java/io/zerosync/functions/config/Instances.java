package io.zerosync.functions.config;

/** Creates the classes a view's declaration names (projections, decoders) through their no-argument constructor. */
final class Instances {
    private Instances() {
    }

    static <T> T create(String className, Class<T> kind) {
        try {
            Class<?> type = Class.forName(className);
            if (!kind.isAssignableFrom(type)) {
                throw new IllegalStateException(className + " does not implement " + kind.getName());
            }
            return kind.cast(type.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + kind.getSimpleName() + " " + className, e);
        }
    }
}
