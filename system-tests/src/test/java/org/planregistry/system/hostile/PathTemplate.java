package org.planregistry.system.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An endpoint's path as the application maps it, with variables such as {@code {plan}}. */
final class PathTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    private PathTemplate() {
    }

    /** The names of the path's variables, in order. */
    static List<String> variables(String path) {
        Matcher m = VARIABLE.matcher(path);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The path with each variable replaced by its value in {@code values} (already encoded for a URL). */
    static String expand(String path, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
