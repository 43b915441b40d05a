package org.planregistry.signin;

import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The named users of a registry that has no identity provider: one line per person,
 * {@code name:ROLE[,ROLE…]:{bcrypt}hash}, {@code #} starting a comment. Both applications read the same file and
 * see a change without a restart (it is read again when its modification time or size changes). People are added
 * and removed with {@code ./add-user} and {@code ./remove-user}, which run {@link #main}.
 */
public final class UsersFile {

    private final Path path;
    private volatile Snapshot snapshot = new Snapshot(-1, -1, Map.of());

    private record Snapshot(long modified, long size, Map<String, Account> accounts) {
    }

    public UsersFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The accounts in the file now, by name; none when there is no file. */
    public Map<String, Account> accounts() {
        long modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(path).toMillis();
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + path, e);
        }
        Snapshot known = snapshot;
        if (known.modified() == modified && known.size() == size) {
            return known.accounts();
        }
        Map<String, Account> accounts = parse(read());
        snapshot = new Snapshot(modified, size, accounts);
        return accounts;
    }

    /** Adds a person; refused if the name is taken. The file is created readable by its owner only. */
    public Account add(String name, Set<Role> roles, String password, PasswordEncoder encoder) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("a password has at least 12 characters");
        }
        Account account = new Account(name, roles, encoder.encode(password));
        change(lines -> {
            if (parse(lines).containsKey(name)) {
                throw new IllegalArgumentException("user " + name + " exists already");
            }
            lines.add(line(account));
        });
        return account;
    }

    /** Removes a person; refused if there is no such name. */
    public void remove(String name) {
        change(lines -> {
            if (!parse(lines).containsKey(name)) {
                throw new IllegalArgumentException("there is no user " + name);
            }
            lines.removeIf(line -> !line.isBlank() && !line.startsWith("#") && line.split(":", 2)[0].equals(name));
        });
    }

    private interface Change {
        void apply(List<String> lines);
    }

    /** Read, change and write back under a file lock, so two administrators adding people at once lose nobody. */
    private void change(Change change) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            if (!Files.exists(path)) {
                try {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(path);
                }
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                List<String> lines = new ArrayList<>(Arrays.asList(read().split("\n", -1)));
                lines.removeIf(String::isEmpty);
                change.apply(lines);
                byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(text), 0);
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the users file " + path, e);
        }
    }

    private String read() {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + path, e);
        }
    }

    private Map<String, Account> parse(String text) {
        return parse(Arrays.asList(text.split("\n")));
    }

    private Map<String, Account> parse(List<String> lines) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                throw new IllegalStateException(path + " line " + number + ": expected name:ROLES:{id}hash");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : parts[1].split(",")) {
                int at = number;
                roles.add(Role.named(role).orElseThrow(() -> new IllegalStateException(
                        path + " line " + at + ": no role '" + role + "'")));
            }
            Account account;
            try {
                account = new Account(parts[0], roles, parts[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(path + " line " + number + ": " + e.getMessage(), e);
            }
            if (accounts.putIfAbsent(account.name(), account) != null) {
                throw new IllegalStateException(path + " line " + number + ": user " + account.name() + " twice");
            }
        }
        return accounts;
    }

    private static String line(Account account) {
        return account.name() + ":" + account.roles().stream().sorted().map(Role::name)
                .collect(Collectors.joining(",")) + ":" + account.passwordHash();
    }

    /**
     * {@code add FILE NAME ROLE[,ROLE…]} (the password from {@code REGISTRY_NEW_USER_PASSWORD}, else asked for twice
     * on the terminal) and {@code remove FILE NAME}.
     */
    public static void main(String[] args) {
        try {
            if (args.length == 4 && args[0].equals("add")) {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (String role : args[3].split(",")) {
                    roles.add(Role.named(role).orElseThrow(() -> new IllegalArgumentException(
                            "no role '" + role + "'; roles are " + Arrays.toString(Role.values()))));
                }
                Account account = new UsersFile(Path.of(args[1])).add(args[2], roles, password(),
                        PasswordEncoderFactories.createDelegatingPasswordEncoder());
                System.out.println("Added " + account.name() + " " + account.roles() + " to " + args[1]);
            } else if (args.length == 3 && args[0].equals("remove")) {
                new UsersFile(Path.of(args[1])).remove(args[2]);
                System.out.println("Removed " + args[2] + " from " + args[1]);
            } else {
                System.err.println("usage: add FILE NAME ROLE[,ROLE...] | remove FILE NAME");
                System.exit(2);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static String password() {
        String given = System.getenv("REGISTRY_NEW_USER_PASSWORD");
        if (given != null && !given.isEmpty()) {
            return given;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: set REGISTRY_NEW_USER_PASSWORD");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, second)) {
            throw new IllegalArgumentException("the two passwords differ");
        }
        return new String(first);
    }
}
