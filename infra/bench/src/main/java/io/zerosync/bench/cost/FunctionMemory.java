package io.zerosync.bench.cost;

import io.zerosync.local.provision.CfnYaml;

import java.nio.file.Path;
import java.util.Map;

/** A function's MemorySize from template.yaml (its own, else the Globals'), which Lambda bills GB-seconds at. */
final class FunctionMemory {
    private static final int LAMBDA_DEFAULT_MB = 128;

    private FunctionMemory() {
    }

    static int megabytes(Path template, String functionLogicalId) {
        Map<String, Object> root = CfnYaml.read(template);
        Object own = at(root, "Resources", functionLogicalId, "Properties", "MemorySize");
        Object global = at(root, "Globals", "Function", "MemorySize");
        Object value = own != null ? own : global;
        return value instanceof Number n ? n.intValue()
                : value != null ? Integer.parseInt(value.toString()) : LAMBDA_DEFAULT_MB;
    }

    private static Object at(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }
}
