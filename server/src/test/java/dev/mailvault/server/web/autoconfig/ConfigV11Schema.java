package dev.mailvault.server.web.autoconfig;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;

/**
 * Thunderbird's config-v1.1 format as an XSD written from its definition and Thunderbird's reader
 * ({@code config-v1.1.xsd} beside this class in the test resources).
 */
final class ConfigV11Schema {

  private static final Schema SCHEMA = load();

  private ConfigV11Schema() {}

  /** Throws with the validator's message when {@code xml} is not a document Thunderbird reads. */
  static void validate(String xml) throws SAXException, IOException {
    Validator validator = SCHEMA.newValidator();
    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    validator.validate(new StreamSource(new StringReader(xml)));
  }

  private static Schema load() {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      return factory.newSchema(ConfigV11Schema.class.getResource("config-v1.1.xsd"));
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
  }
}
