using Azure.Data.Tables;
using ArchFixture.Pipeline;

namespace ArchFixture.Leads;

/// <summary>A domain type that breaks the domain's rules: it holds an Azure Storage client and a service.</summary>
internal sealed class FixtureLead(TableClient table, FixtureService service)
{
    public TableClient Table { get; } = table;

    public FixtureService Service { get; } = service;
}
