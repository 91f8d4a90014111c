using Azure.Data.Tables;
using ArchFixture.Storage;

namespace ArchFixture.Pipeline;

/// <summary>A service that talks to Azure Storage itself, and sits in a cycle with the storage edge.</summary>
internal sealed class FixtureService(FixtureStore store)
{
    public FixtureStore Store { get; } = store;

    public TableEntity Row() => new("partition", "row");
}
