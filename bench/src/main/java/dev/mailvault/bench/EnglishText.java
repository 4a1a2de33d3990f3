package dev.mailvault.bench;

import java.util.SplittableRandom;

/**
 * English-like prose from a fixed word list drawn with Zipf frequencies (rank r has weight 1/r), so
 * that it compresses roughly as real correspondence does: a few very common words, a long tail of
 * rarer ones. Deterministic for a given random source.
 */
public final class EnglishText {

  /** The most common English words first (the order gives the Zipf rank). */
  private static final String[] WORDS =
      ("the of and to a in is that for it as was with be by on not he this are or his from at which"
              + " but have an they you were her she there one all we their been has would will when"
              + " who more if no out so said what up its about into than them can only other new some"
              + " could time these two may then do first any my now such like our over man me even"
              + " most made after also did many before must through back years where much your way"
              + " well down should because each just those people how too little state good very make"
              + " world still own see men work long get here between both life being under never day"
              + " same another know while last might us great old year off come since against go came"
              + " right used take three place meeting report week project team thanks please attached"
              + " draft review schedule budget customer server release update question answer tomorrow"
              + " morning afternoon evening office account invoice payment order delivery address"
              + " message letter reply forward call phone number agenda minutes notes summary proposal"
              + " contract changes version document file folder calendar invitation conference travel"
              + " flight hotel booking receipt department manager director colleague friend family"
              + " weekend holiday birthday dinner lunch coffee restaurant garden weather rain summer"
              + " winter spring autumn school teacher student lesson course exam result score library"
              + " book chapter article newspaper story history science research data analysis figure"
              + " table chart graph model system network database backup storage security password"
              + " issue problem solution idea plan goal target deadline milestone progress status risk"
              + " cost price offer discount product service support ticket request feature test build"
              + " deploy production staging release notes feedback comment approval decision"
              + " discussion opinion suggestion recommendation experience knowledge skill training"
              + " workshop presentation slide screen window kitchen house street city country region"
              + " market industry company business partner supplier vendor client quarter month hour"
              + " minute second moment period during within without although however therefore perhaps"
              + " probably certainly actually really quite rather almost already always often"
              + " sometimes usually again together otherwise instead either neither whether until"
              + " unless among across behind beyond toward upon around important possible available"
              + " necessary different similar special general public private personal local national"
              + " international financial technical legal final early late recent current previous"
              + " following next simple clear short full whole small large high low open closed free"
              + " busy ready happy sorry sure glad kind send receive check confirm agree discuss"
              + " explain describe prepare arrange organize finish complete continue start begin stop"
              + " wait hope expect remember forget understand consider decide suggest include provide"
              + " require allow offer change improve reduce increase create produce develop manage"
              + " handle share keep bring carry hold turn move leave meet join visit return arrive"
              + " stay live feel")
          .split(" ");

  private static final double[] CUMULATIVE = cumulativeZipf(WORDS.length);

  private final SplittableRandom random;

  public EnglishText(SplittableRandom random) {
    this.random = random;
  }

  /** One word, drawn by Zipf rank. */
  public String word() {
    double u = random.nextDouble();
    int low = 0;
    int high = CUMULATIVE.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (CUMULATIVE[mid] < u) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return WORDS[low];
  }

  /** A sentence of 5 to 22 words, capitalised, with the odd comma, ending in a full stop. */
  public String sentence() {
    int length = 5 + random.nextInt(18);
    StringBuilder s = new StringBuilder(length * 7);
    for (int i = 0; i < length; i++) {
      String w = word();
      if (i == 0) {
        s.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
      } else {
        s.append(' ').append(w);
      }
      if (i > 2 && i < length - 2 && random.nextInt(9) == 0) {
        s.append(',');
      }
    }
    return s.append(random.nextInt(12) == 0 ? '?' : '.').toString();
  }

  /**
   * Paragraphs of prose, lines wrapped at 72 columns, CRLF line ends (RFC 5322 §2.1), an empty line
   * between paragraphs, at least {@code bytes} long and cut at the first line end after.
   */
  public String paragraphs(int bytes) {
    StringBuilder out = new StringBuilder(bytes + 200);
    StringBuilder line = new StringBuilder(80);
    while (out.length() < bytes) {
      int sentences = 2 + random.nextInt(6);
      for (int i = 0; i < sentences && out.length() < bytes; i++) {
        for (String w : sentence().split(" ")) {
          if (line.length() + 1 + w.length() > 72) {
            out.append(line).append("\r\n");
            line.setLength(0);
            if (out.length() >= bytes) {
              return out.toString();
            }
          }
          if (line.length() > 0) {
            line.append(' ');
          }
          line.append(w);
        }
      }
      out.append(line).append("\r\n\r\n");
      line.setLength(0);
    }
    return out.toString();
  }

  private static double[] cumulativeZipf(int n) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int rank = 1; rank <= n; rank++) {
      sum += 1.0 / rank;
      cumulative[rank - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    cumulative[n - 1] = 1.0;
    return cumulative;
  }
}
