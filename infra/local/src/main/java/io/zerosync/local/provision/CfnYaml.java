package io.zerosync.local.provision;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads CloudFormation YAML: safe loading, with the short-form tags ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub ...}) turned into their long form ({@code {"Ref": "X"}},
 * {@code {"Fn::GetAtt": ["A","B"]}}, ...).
 */
public final class CfnYaml {
    private CfnYaml() {
    }

    public static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new Constructor()).load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static Map<String, Object> read(String yaml) {
        return new Yaml(new Constructor()).load(yaml);
    }

    private static final class Constructor extends SafeConstructor {
        Constructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String fn : List.of("Sub", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or", "FindInMap",
                    "ImportValue", "Base64", "Cidr", "GetAZs", "Transform", "Length", "ToJsonString")) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
        }

        private Object construct(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            if (node instanceof SequenceNode seq) {
                return constructSequence(seq);
            }
            return constructMapping((MappingNode) node);
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(name, Constructor.this.construct(node));
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                if (node instanceof ScalarNode scalar) {
                    String value = scalar.getValue();
                    int dot = value.indexOf('.');
                    return Map.of("Fn::GetAtt", dot < 0 ? List.of(value) : Arrays.asList(value.substring(0, dot), value.substring(dot + 1)));
                }
                return Map.of("Fn::GetAtt", Constructor.this.construct(node));
            }
        }
    }
}
