package io.zerosync.local.sns;

import java.util.Map;
import java.util.UUID;

/** SNS's XML answers: {@code <XResponse><XResult>...</XResult><ResponseMetadata>...}. */
final class XmlResponse {
    static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";

    private XmlResponse() {
    }

    static String ok(String action, String resultBody) {
        return "<" + action + "Response xmlns=\"" + NS + "\">"
                + (resultBody == null ? "" : "<" + action + "Result>" + resultBody + "</" + action + "Result>")
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</" + action + "Response>";
    }

    static String error(SnsError e) {
        return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>" + (e.senderFault ? "Sender" : "Receiver")
                + "</Type><Code>" + e.code + "</Code><Message>" + escape(e.getMessage()) + "</Message></Error>"
                + "<RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
    }

    static String element(String name, String value) {
        return value == null ? "" : "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    static String entries(Map<String, String> map) {
        StringBuilder out = new StringBuilder();
        map.forEach((k, v) -> out.append("<entry>").append(element("key", k)).append(element("value", v)).append("</entry>"));
        return out.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
