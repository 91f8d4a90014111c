// Parameters for main.bicep. azd exports its environment (AZURE_ENV_NAME, AZURE_LOCATION, AZURE_PRINCIPAL_ID
// and anything set with `azd env set`) before it compiles this file; without azd, export them yourself.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'leadscoring-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus2')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

param instanceMemoryMB = 2048 // 512, 2048 or 4096
param maximumInstanceCount = int(readEnvironmentVariable('FUNCTION_MAXIMUM_INSTANCE_COUNT', '40'))

param geminiModel = readEnvironmentVariable('GEMINI_MODEL', 'gemini-3.1-flash-lite')
param geminiRequestsPerMinute = int(readEnvironmentVariable('GEMINI_REQUESTS_PER_MINUTE', '15'))
// Never written to a file: `azd env set GEMINI_API_KEY ...` (kept in .azure/, which azd git-ignores) or an
// exported variable. Empty leaves the Key Vault secret as it is.
param geminiApiKey = readEnvironmentVariable('GEMINI_API_KEY', '')
