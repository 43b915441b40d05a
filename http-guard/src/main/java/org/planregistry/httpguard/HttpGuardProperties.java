package org.planregistry.httpguard;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be ({@code registry.http.*}, docs/security.md).
 *
 * @param maxBody      the limit of every request's body
 * @param largerBodies paths whose bodies may be larger (a whole plan document), with their own limit
 * @param readsBodies  whether any endpoint reads a body; where none does (the query side), a body is read at once, up
 *                     to the limit, and refused when it is larger, so that a body sent in chunks is refused as well
 */
@ConfigurationProperties("registry.http")
public record HttpGuardProperties(@DefaultValue("1MB") DataSize maxBody, Map<String, DataSize> largerBodies,
                                  @DefaultValue("true") boolean readsBodies) {

    public HttpGuardProperties {
        largerBodies = largerBodies == null ? Map.of() : Map.copyOf(largerBodies);
    }

    long limitFor(String path) {
        DataSize larger = largerBodies.get(path);
        return (larger != null ? larger : maxBody).toBytes();
    }
}
