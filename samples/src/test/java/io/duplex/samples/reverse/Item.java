package io.duplex.samples.reverse;

import java.time.LocalDate;

/** What the typed proxy sends: a long too big for a JavaScript number, a small one, and a date. */
record Item(String name, long big, long small, LocalDate day) {}
