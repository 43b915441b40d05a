package org.planregistry.system.hostile;

/** Text shortened and with invisible characters escaped, fit for a test report. */
final class Shown {

    private Shown() {
    }

    static String text(String value, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (c >= 0x200b && c <= 0x206f)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return value.length() > max ? out + "…(" + value.length() + " chars)" : out.toString();
    }
}
