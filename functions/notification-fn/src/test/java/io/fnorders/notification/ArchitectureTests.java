package io.fnorders.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.fnorders.testsupport.ArchitectureRules;

@AnalyzeClasses(packages = "io.fnorders.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule domainIsFrameworkFree = ArchitectureRules.domainIsFrameworkFree("io.fnorders.notification");

	@ArchTest
	static final ArchRule usesNoOtherServicesInternals = ArchitectureRules
		.usesOnlySharedModules("io.fnorders.notification");

}
