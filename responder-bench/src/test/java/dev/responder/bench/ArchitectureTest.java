package dev.responder.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        // Test kits published as test-jars (e.g. responder-core's) are test code too.
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("dev.responder");
  }

  @Test
  void core_dependsOnNothingButTheJdk() {
    noClasses().that().resideInAPackage("dev.responder.core..")
        .should().dependOnClassesThat().resideOutsideOfPackages("dev.responder.core..", "java..")
        .check(classes);
  }

  @Test
  void analysis_isPure_noStoresAgentsOrApp() {
    noClasses().that().resideInAPackage("dev.responder.analysis..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.responder.store..", "dev.responder.agent..", "dev.responder.app..",
            "dev.responder.sim..", "java.sql..", "java.net..", "java.nio.file..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void sim_dependsOnNeitherStoresNorAgents() {
    noClasses().that().resideInAPackage("dev.responder.sim..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.responder.store..", "dev.responder.agent..", "dev.responder.app..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void stores_doNotImportEachOther_orTheApplication() {
    noClasses().that().resideInAPackage("dev.responder.store")
        .should().dependOnClassesThat().resideInAnyPackage("dev.responder.store.clickhouse..", "dev.responder.app..")
        .check(classes);
    noClasses().that().resideInAPackage("dev.responder.store..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.responder.app..", "dev.responder.agent..")
        .check(classes);
  }

  @Test
  void onlyTheApplicationPicksConcreteLlmProviders() {
    noClasses().that().resideOutsideOfPackages("dev.responder.app..", "dev.responder.bench..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.langchain4j.model.anthropic..", "dev.langchain4j.model.openai..",
            "dev.langchain4j.model.ollama..")
        .check(classes);
  }
}
