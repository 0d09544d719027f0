package io.duplex.bench.run;

/**
 * Sizes and durations of one {@code all} run. {@link #FULL} is the workload list sized to
 * finish in under 15 minutes on a 2-core machine; {@link #QUICK} is a smoke run of a minute or two.
 */
record Plan(
    String w1Concurrency,
    String w1bConcurrency,
    double w1Warm,
    double w1Measure,
    String w2Pages,
    String w2Rates,
    double w2Warm,
    double w2Measure,
    String w3Pages,
    String w3DefaultPages,
    String jmhOptions,
    double jvmWarm,
    double w4Warm,
    double w4Measure,
    int w4SlowBodies) {

  static final Plan FULL = new Plan(
      "1,16,64", "1,16", 3, 10,
      "100,1000,5000", "1,10,0", 2, 4,
      "1000,5000,10000",
      "2000",
      "-f 1 -wi 3 -w 1s -i 5 -r 1s",
      15,
      2, 8, 500);

  static final Plan QUICK = new Plan(
      "1,16", "16", 1, 2,
      "50,300", "10,0", 1, 2,
      "200,500",
      "200",
      "-f 1 -wi 1 -w 300ms -i 2 -r 300ms",
      1,
      1, 3, 500);
}
