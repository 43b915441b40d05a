package org.planregistry.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bson.Document;

/**
 * The hash chain that makes a plan's history tamper-evident: each stored event carries the SHA-256 of its
 * predecessor's hash and its own stored content (aggregate, sequence, type, revision, recorded time, payload and
 * metadata exactly as stored). Changing, removing or reordering any stored event breaks every link after it, so an
 * auditor who kept a plan's chain head can later prove the record was not rewritten.
 */
public final class HashChain {

    /** The "previous hash" of a plan's first event. */
    public static final String GENESIS = "";
    static final String HASH = "hash";
    static final String PREVIOUS_HASH = "previousHash";
    /**
     * Field of the stored event with a short digest of each part an auditor may want told apart (payload, metadata,
     * recorded time). Not part of the link and not protected by it: it only says which part of a changed event
     * differs, when whoever changed it did not recompute these as well.
     */
    static final String PART_DIGESTS = "partDigests";
    static final String PAYLOAD = "payload";
    static final String METADATA = "metaData";
    static final String TIMESTAMP = "timestamp";

    private HashChain() {
    }

    /** The link for a stored event document, given its predecessor's hash. */
    public static String link(String previousHash, Document event) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        for (String part : new String[] {previousHash, event.getString("aggregateIdentifier"),
                String.valueOf(event.get("sequenceNumber")), event.getString("payloadType"),
                String.valueOf(event.get("payloadRevision")), event.getString("timestamp"), event.getString("payload"),
                event.getString("metaData")}) {
            sha256.update(part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0); // a separator no part contains, so parts cannot shift into each other
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The first 16 hex digits of the SHA-256 of each told-apart part's UTF-8 bytes (an absent part as no bytes). */
    static Document partDigests(Document event) {
        Document digests = new Document();
        for (String part : new String[] {PAYLOAD, METADATA, TIMESTAMP}) {
            String value = event.getString(part);
            digests.append(part, sha256(value == null ? "" : value).substring(0, 16));
        }
        return digests;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
