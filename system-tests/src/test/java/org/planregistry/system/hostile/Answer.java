package org.planregistry.system.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.planregistry.httpguard.Shown;

/** What the registry answered a hostile request, and what is wrong with that answer. */
record Answer(int status, String contentType, String body, boolean setsCookie) {

    /** What an answer must never show: the framework's or the JDK's insides, a stack trace, an exception's name. */
    private static final Pattern INSIDES = Pattern.compile("org\\.springframework|com\\.fasterxml|org\\.axonframework"
            + "|org\\.apache|org\\.planregistry|com\\.mongodb|org\\.bson|org\\.yaml|jakarta\\.|java\\.(lang|io|util|time"
            + "|math|net)\\.|\\bat [\\w.$]+\\(|Exception|\"trace\"|Whitelabel|Apache Tomcat");
    private static final ObjectMapper JSON = new ObjectMapper();

    List<String> wrongFor(HostileRequest request) {
        List<String> wrong = new ArrayList<>();
        if (status >= 500) {
            wrong.add("a failure (" + status + ")");
        } else if (request.mustRefuse() && (status < 400 || status >= 500)) {
            wrong.add("not refused (" + status + ")");
        }
        if (status >= 400) {
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                wrong.add("not application/problem+json but " + contentType);
            } else {
                try {
                    JsonNode problem = JSON.readTree(body);
                    if (problem == null || problem.path("status").asInt() != status) {
                        wrong.add("a problem whose status is not " + status);
                    }
                } catch (Exception e) {
                    wrong.add("a problem that is not JSON");
                }
            }
        }
        if (setsCookie) {
            wrong.add("sets a cookie: the API keeps no session");
        }
        var insides = INSIDES.matcher(body);
        if (status >= 400 && insides.find()) {
            wrong.add("shows the registry's insides: '" + insides.group() + "'");
        }
        return wrong;
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + Shown.value(body, 400);
    }
}
