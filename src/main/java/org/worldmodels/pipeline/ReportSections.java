package org.worldmodels.pipeline;

import java.util.ArrayList;
import java.util.List;

/** The sections of {@code report.md} that phases add, in order: a title and Markdown each. */
final class ReportSections {
  /** One section. */
  record Section(String title, String markdown) {}

  private final List<Section> sections = new ArrayList<>();

  /** Adds a section headed {@code ## title}. */
  void add(String title, String markdown) {
    sections.add(new Section(title, markdown));
  }

  List<Section> all() {
    return List.copyOf(sections);
  }
}
