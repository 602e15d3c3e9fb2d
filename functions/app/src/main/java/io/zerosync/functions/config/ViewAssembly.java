package io.zerosync.functions.config;

import io.zerosync.aws.source.HttpSourceReader;
import io.zerosync.aws.source.RequestAuth;
import io.zerosync.aws.source.RetryPolicy;
import io.zerosync.kernel.entity.Entity;
import io.zerosync.kernel.port.EntityDecoder;
import io.zerosync.kernel.port.ViewStore;
import io.zerosync.kernel.sync.Projection;
import io.zerosync.kernel.sync.View;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Builds a view from what its declaration names: the projection and the source's decoder by class, the
 * source's collection URL, and its table's store. The projection and the decoder must agree on the entity
 * type; a declaration pairing, say, an order projection with the shop decoder fails here, at start, rather
 * than on every message.
 */
final class ViewAssembly {
    private ViewAssembly() {
    }

    static View<?> of(Projection<?> projection, EntityDecoder<?> decoder, ViewStore store, String sourceUrl,
                      RequestAuth auth, HttpClient http) {
        requireSameEntity(projection, decoder);
        return typed(projection, decoder, store, sourceUrl, auth, http);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Entity> View<E> typed(Projection<E> projection, EntityDecoder<?> decoder, ViewStore store,
                                                    String sourceUrl, RequestAuth auth, HttpClient http) {
        HttpSourceReader<E> source = new HttpSourceReader<>(http, URI.create(sourceUrl), (EntityDecoder<E>) decoder, auth,
                RetryPolicy.standard(), Duration.ofSeconds(5));
        return new View<>(projection, store, source);
    }

    /** The collection URL of an entity type's source: the API's base URL (with its stage) and the type's path. */
    static String collection(String sourceApiUrl, String path) {
        return sourceApiUrl.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
    }

    static EntityDecoder<?> decoder(String className) {
        return Instances.create(className, EntityDecoder.class);
    }

    private static void requireSameEntity(Projection<?> projection, EntityDecoder<?> decoder) {
        Type projected = typeArgument(projection.getClass(), Projection.class);
        Type decoded = typeArgument(decoder.getClass(), EntityDecoder.class);
        if (projected instanceof Class<?> p && decoded instanceof Class<?> d && !p.isAssignableFrom(d)) {
            throw new IllegalStateException(projection.getClass().getName() + " projects " + p.getSimpleName()
                    + " but " + decoder.getClass().getName() + " decodes " + d.getSimpleName());
        }
    }

    /** The type argument a class gives the generic interface directly, or null when it does not say. */
    private static Type typeArgument(Class<?> type, Class<?> generic) {
        for (Type t : type.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == generic) {
                return p.getActualTypeArguments()[0];
            }
        }
        return null;
    }
}
