package io.duplex.samples.callcenter;

import java.util.List;
import java.util.Random;

/** Invents plausible callers: UK and US numbers, some known customers, some strangers. */
public final class CallerGenerator {
  private static final List<String> FIRST =
      List.of("Jim", "Luke", "Jack", "Leanne", "Amara", "Chen", "Sofia", "Ravi", "Maya", "Tom", "Ines", "Omar");
  private static final List<String> LAST =
      List.of("Wilkinson", "MacDonald", "Wilson", "Daniels", "Okoye", "Li", "Rossi", "Patel", "Cohen", "Berg", "Silva", "Haddad");
  private static final List<String> STREETS =
      List.of("High Street", "Station Road", "Elm Avenue", "Mill Lane", "Park Road", "Church Street");
  private static final List<String> TOWNS =
      List.of("Leeds", "Bristol", "Cardiff", "Boston", "Portland", "Austin", "Glasgow", "Denver");
  private static final List<String> EVENTS =
      List.of("The Ajax Experience", "Comet Summit", "Web 2.0 Expo", "JavaOne", "QCon London", "Devoxx");
  private static final List<String> PAYMENTS = List.of("Visa", "Mastercard", "Amex", "Invoice");
  private static final List<String> NOTES =
      List.of(
          "Wants to change the date of their booking",
          "Asked about group discounts",
          "Did not receive the confirmation email",
          "Needs a wheelchair-accessible seat",
          "Would like a refund",
          "Called twice yesterday",
          "");

  private final Random random;

  public CallerGenerator(Random random) {
    this.random = random;
  }

  public CallerProfile next() {
    boolean uk = random.nextBoolean();
    String number =
        uk
            ? String.format("+44 (0) 1%03d %06d", random.nextInt(1000), random.nextInt(1_000_000))
            : String.format("+1 (%03d) %03d - %04d", 200 + random.nextInt(800), random.nextInt(1000), random.nextInt(10_000));
    boolean known = random.nextInt(10) < 6;
    if (!known) {
      return new CallerProfile(number, null, "", pick(EVENTS), "", "New caller");
    }
    String name = pick(FIRST) + " " + pick(LAST);
    String address = (1 + random.nextInt(200)) + " " + pick(STREETS) + ", " + pick(TOWNS);
    String payment = pick(PAYMENTS) + (random.nextBoolean() ? " ending " + (1000 + random.nextInt(9000)) : "");
    return new CallerProfile(number, name, address, pick(EVENTS), payment, pick(NOTES));
  }

  private String pick(List<String> options) {
    return options.get(random.nextInt(options.size()));
  }
}
