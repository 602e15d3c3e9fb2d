package io.zerosync.kernel.port;

import io.zerosync.kernel.input.InvalidInputException;
import io.zerosync.kernel.sync.View;

import java.util.List;

/** The read models this deployment has, by name. */
public interface ViewCatalog {

    List<View<?>> all();

    default View<?> get(String name) {
        return all().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> InvalidInputException.invalid("view", io.zerosync.kernel.input.Text.quote(name) + " is not a view; known: "
                        + String.join(", ", names())));
    }

    default List<String> names() {
        return all().stream().map(View::name).toList();
    }

    /** A view name, or {@code all}. */
    default List<String> resolve(String nameOrAll) {
        if (nameOrAll == null) {
            throw InvalidInputException.invalid("view", "is required (a view name or \"all\")");
        }
        return "all".equals(nameOrAll) ? names() : List.of(get(nameOrAll).name());
    }
}
