package io.fnorders.identity;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fnorders.testsupport.ArchitectureRules;

@AnalyzeClasses(packages = "io.fnorders.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule accountsAreFrameworkFree = ArchitectureRules.domainIsFrameworkFree("io.fnorders.identity");

	@ArchTest
	static final ArchRule usesNoServicesInternals = ArchitectureRules.usesOnlySharedModules("io.fnorders.identity");

}
