package org.planregistry.api;

/** A numbered entry of a special column (专栏) or a safeguard group: code, title and full text. */
public record Item(String code, String title, String text) {
}
