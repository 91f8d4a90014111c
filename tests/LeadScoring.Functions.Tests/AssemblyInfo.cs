using LeadScoring.Functions.Tests.Support;

// One Azurite for the whole run; each test rents its own account from it, so classes run in parallel.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
