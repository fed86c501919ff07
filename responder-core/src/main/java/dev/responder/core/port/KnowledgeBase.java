package dev.responder.core.port;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Past incidents and runbooks, retrievable by similarity with the reasons for each match. */
public interface KnowledgeBase {
  /** A document to index: a postmortem, a runbook, a resolved incident's summary. */
  record Document(String id, String kind, String title, String text, Map<String, String> fields) {
    public Document {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      title = title == null ? "" : title;
      text = text == null ? "" : text;
      fields = Map.copyOf(fields);
    }
  }

  /** A retrieved document with its score and why it matched. */
  record Match(Document document, double score, List<String> reasons) {
    public Match {
      Objects.requireNonNull(document, "document");
      reasons = List.copyOf(reasons);
    }
  }

  void index(Document document);

  List<Match> similar(String query, int limit);
}
