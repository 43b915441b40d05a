package org.planregistry.httpguard;

/**
 * A client's value as a refusal may quote it: shortened, and with controls, lone surrogates and other invisible
 * characters escaped, so that a quoted value can neither bloat the answer nor break its JSON.
 */
public final class Shown {

    private static final int DEFAULT_LENGTH = 60;

    private Shown() {
    }

    public static String value(Object value) {
        return value(String.valueOf(value), DEFAULT_LENGTH);
    }

    public static String value(String text, int max) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < text.length() && shown < max; i++, shown++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)
                    || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > max ? out + "… (" + text.length() + " characters)" : out.toString();
    }
}
