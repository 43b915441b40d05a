package org.planregistry.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.planregistry.httpguard.Shown;

/**
 * One generated request: what it is (for the report when it is answered wrongly), and whether the registry must
 * refuse it ({@code mustRefuse}: it carries at least one thing no registry of record may accept) or may answer it
 * (an extreme but lawful value: any answer but a failure will do).
 *
 * @param endpoint the endpoint's path template, for the statistics of what was tried
 * @param path    the path and query, already encoded for the URL
 * @param body    the body's bytes, {@code null} for none
 * @param chunked sent without a {@code Content-Length}, as chunks
 */
record HostileRequest(String endpoint, String method, String path, Map<String, String> headers, byte[] body, boolean chunked,
                      boolean mustRefuse, String what) {

    @Override
    public String toString() {
        String shown = body == null ? "" : " body " + body.length + " bytes: "
                + Shown.value(new String(body, StandardCharsets.UTF_8), 300);
        return method + " " + Shown.value(path, 300) + " " + headers.keySet() + (chunked ? " chunked" : "") + " — "
                + what + shown;
    }
}
