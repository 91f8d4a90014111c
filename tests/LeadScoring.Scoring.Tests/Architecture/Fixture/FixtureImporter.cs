namespace ArchFixture.Imports;

/// <summary>The service the fixture's reader reaches up to.</summary>
internal sealed class FixtureImporter;
