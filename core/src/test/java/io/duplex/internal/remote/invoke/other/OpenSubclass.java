package io.duplex.internal.remote.invoke.other;

/** Public subclass of a package-private class; javac adds visibility bridges for its methods. */
public class OpenSubclass extends HiddenBase {}
