package dev.mailvault.cluster.remote;

import dev.mailvault.core.access.SearchQuery;
import dev.mailvault.core.access.SearchQuery.DateRelation;
import dev.mailvault.core.access.SearchQuery.RegexTarget;
import dev.mailvault.core.mail.SystemFlag;
import java.time.LocalDate;

/** The wire form of a {@link SearchQuery} tree: one tag byte per node, nesting bounded. */
final class QueryCodec {

  private static final int AND = 1;
  private static final int OR = 2;
  private static final int NOT = 3;
  private static final int ALL = 4;
  private static final int UIDS = 5;
  private static final int FLAG = 6;
  private static final int KEYWORD = 7;
  private static final int HEADER = 8;
  private static final int BODY = 9;
  private static final int TEXT = 10;
  private static final int REGEX = 11;
  private static final int INTERNAL_DATE = 12;
  private static final int SENT_DATE = 13;
  private static final int SAVE_DATE = 14;
  private static final int EMAIL_ID = 15;
  private static final int SIZE = 16;
  private static final int MODSEQ = 17;

  private QueryCodec() {}

  static void write(WireWriter out, SearchQuery q) {
    if (q instanceof SearchQuery.And and) {
      out.writeByte(AND).writeList(and.queries(), QueryCodec::write);
    } else if (q instanceof SearchQuery.Or or) {
      out.writeByte(OR).writeList(or.queries(), QueryCodec::write);
    } else if (q instanceof SearchQuery.Not not) {
      out.writeByte(NOT);
      write(out, not.query());
    } else if (q instanceof SearchQuery.All) {
      out.writeByte(ALL);
    } else if (q instanceof SearchQuery.Uids uids) {
      out.writeByte(UIDS);
      Codecs.writeUids(out, uids.uids());
    } else if (q instanceof SearchQuery.Flag flag) {
      out.writeByte(FLAG).writeEnum(flag.flag()).writeBool(flag.set());
    } else if (q instanceof SearchQuery.Keyword keyword) {
      out.writeByte(KEYWORD).writeString(keyword.keyword()).writeBool(keyword.set());
    } else if (q instanceof SearchQuery.Header header) {
      out.writeByte(HEADER).writeString(header.field()).writeString(header.substring());
    } else if (q instanceof SearchQuery.Body body) {
      out.writeByte(BODY).writeString(body.substring());
    } else if (q instanceof SearchQuery.Text text) {
      out.writeByte(TEXT).writeString(text.substring());
    } else if (q instanceof SearchQuery.Regex regex) {
      out.writeByte(REGEX).writeEnum(regex.target());
      out.writeString(regex.field()).writeString(regex.pattern());
    } else if (q instanceof SearchQuery.InternalDate d) {
      writeDate(out.writeByte(INTERNAL_DATE), d.relation(), d.date());
    } else if (q instanceof SearchQuery.SentDate d) {
      writeDate(out.writeByte(SENT_DATE), d.relation(), d.date());
    } else if (q instanceof SearchQuery.SaveDate d) {
      writeDate(out.writeByte(SAVE_DATE), d.relation(), d.date());
    } else if (q instanceof SearchQuery.EmailId id) {
      out.writeByte(EMAIL_ID).writeLong(id.emailId());
    } else if (q instanceof SearchQuery.Size size) {
      out.writeByte(SIZE).writeBool(size.larger()).writeLong(size.octets());
    } else if (q instanceof SearchQuery.ModSeq modseq) {
      out.writeByte(MODSEQ).writeLong(modseq.atLeast());
    } else {
      throw new IllegalArgumentException("no wire form for " + q.getClass().getSimpleName());
    }
  }

  private static void writeDate(WireWriter out, DateRelation relation, LocalDate date) {
    out.writeEnum(relation).writeLong(date.toEpochDay());
  }

  static SearchQuery read(WireReader in) throws WireFormatException {
    in.enter();
    SearchQuery q = readNode(in);
    in.exit();
    return q;
  }

  private static SearchQuery readNode(WireReader in) throws WireFormatException {
    int tag = in.readByte();
    switch (tag) {
      case AND:
        return new SearchQuery.And(in.readList(1, QueryCodec::read));
      case OR:
        return new SearchQuery.Or(in.readList(1, QueryCodec::read));
      case NOT:
        return new SearchQuery.Not(read(in));
      case ALL:
        return new SearchQuery.All();
      case UIDS:
        return new SearchQuery.Uids(Codecs.readUids(in));
      case FLAG:
        return new SearchQuery.Flag(in.readEnum(SystemFlag.values()), in.readBool());
      case KEYWORD:
        return new SearchQuery.Keyword(in.readString(), in.readBool());
      case HEADER:
        return new SearchQuery.Header(in.readString(), in.readString());
      case BODY:
        return new SearchQuery.Body(in.readString());
      case TEXT:
        return new SearchQuery.Text(in.readString());
      case REGEX:
        return new SearchQuery.Regex(
            in.readEnum(RegexTarget.values()), in.readString(), in.readString());
      case INTERNAL_DATE:
        return new SearchQuery.InternalDate(readRelation(in), readDate(in));
      case SENT_DATE:
        return new SearchQuery.SentDate(readRelation(in), readDate(in));
      case SAVE_DATE:
        return new SearchQuery.SaveDate(readRelation(in), readDate(in));
      case EMAIL_ID:
        return new SearchQuery.EmailId(in.readLong());
      case SIZE:
        return new SearchQuery.Size(in.readBool(), in.readLong());
      case MODSEQ:
        return new SearchQuery.ModSeq(in.readLong());
      default:
        throw new WireFormatException("unknown search key");
    }
  }

  private static DateRelation readRelation(WireReader in) throws WireFormatException {
    return in.readEnum(DateRelation.values());
  }

  private static LocalDate readDate(WireReader in) throws WireFormatException {
    // LocalDate.ofEpochDay refuses a day outside its range with a DateTimeException: a clean
    // refusal through WireReader.decode
    return LocalDate.ofEpochDay(in.readLong());
  }
}
