namespace ArchFixture.Csv;

/// <summary>A reader edge that uses the importer service above it.</summary>
internal sealed class FixtureReader
{
    public Imports.FixtureImporter? Importer { get; set; }
}
