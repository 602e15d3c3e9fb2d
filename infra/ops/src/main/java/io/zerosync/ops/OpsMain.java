package io.zerosync.ops;

/** {@code java -jar zerosync-ops.jar <command> [options]} (the README's {@code zs}): the ops CLI, exit code and all. */
public final class OpsMain {
    private OpsMain() {
    }

    public static void main(String[] args) {
        System.exit(OpsCli.run(args, System.out, System.err, System.getenv()));
    }
}
