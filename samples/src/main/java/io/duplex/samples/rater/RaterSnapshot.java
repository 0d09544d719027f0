package io.duplex.samples.rater;

import java.time.Instant;
import java.util.List;

/** Everything a rater page shows, plus the server's clock so the page can correct its own. */
public record RaterSnapshot(List<RatedTalk> talks, LiveSlot live, Instant serverNow) {}
