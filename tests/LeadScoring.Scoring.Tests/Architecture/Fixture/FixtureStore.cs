using ArchFixture.Pipeline;

namespace ArchFixture.Storage;

/// <summary>A storage edge that uses the service above it.</summary>
internal sealed class FixtureStore
{
    public FixtureService? Caller { get; set; }
}
