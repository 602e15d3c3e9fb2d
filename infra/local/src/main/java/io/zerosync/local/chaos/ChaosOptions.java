package io.zerosync.local.chaos;

import io.zerosync.local.faults.FaultRates;

import java.nio.file.Path;
import java.time.Duration;

/** Options of {@code chaos}: how many commands, on how many threads, which faults, which seed. */
public record ChaosOptions(int commands, int threads, long seed, FaultRates faults, Path template,
                           Duration convergeTimeout) {

    /** Every fault on at a moderate rate: SNS publish errors are per attempt, and the SDK retries them itself. */
    public static final String DEFAULT_FAULTS = "sns-drop=0.02,sns-duplicate=0.05,sns-delay=0.05,sns-reorder=0.05,"
            + "sns-publish-error=0.3,source-error=0.05,source-slow=0.05,sync-crash=0.05,"
            + "dynamodb-throttle=0.02,dynamodb-conflict=0.05,sns-max-delay-ms=2000,source-slow-ms=300";

    public static final String USAGE = """
            usage: java -jar zerosync-local.jar chaos [--commands 20000] [--threads 8] [--seed N]
                                                      [--faults RATES] [--template template.yaml] [--converge-timeout-s 600]
              Starts its own local cloud with fault injection, drives random commands over HTTP with every fault on,
              switches faults off, redrives DLQs, waits for quiet, reconciles every view (content, no repair) and
              prints JSON. Exit 0 when drift and lost commands are all zero, 1 otherwise, 2 on a usage error.
              Default RATES: """ + DEFAULT_FAULTS;

    public static ChaosOptions parse(String[] args) {
        int commands = 20_000;
        int threads = 8;
        long seed = System.nanoTime();
        String faults = DEFAULT_FAULTS;
        Path template = null;
        long timeout = 600;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("chaos")) {
                continue;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg + "\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--commands" -> commands = positive(arg, value);
                case "--threads" -> threads = positive(arg, value);
                case "--seed" -> seed = number(arg, value);
                case "--faults" -> faults = value;
                case "--template" -> template = Path.of(value);
                case "--converge-timeout-s" -> timeout = positive(arg, value);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        Path resolved = template != null ? template
                : io.zerosync.local.LocalCloudOptions.findTemplate(Path.of("").toAbsolutePath());
        return new ChaosOptions(commands, threads, seed, FaultRates.parse(faults), resolved, Duration.ofSeconds(timeout));
    }

    private static int positive(String option, String value) {
        long n = number(option, value);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be a positive integer, was " + value);
        }
        return (int) n;
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, was " + value);
        }
    }
}
