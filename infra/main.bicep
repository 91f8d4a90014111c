// LeadScoring on Azure Functions Flex Consumption (issue 4). Subscription scope, like
// Azure-Samples/functions-quickstart-dotnet-azd: creates the resource group, then everything in it.
// Deploy with `azd up`, or `az deployment sub create` (docs/deploy.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd env name); seeds the unique resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region for all resources; must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional principal id of whoever deploys (azd sets AZURE_PRINCIPAL_ID); gets Key Vault Secrets Officer on the vault so it can set the Gemini key. Empty: none.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// Name overrides; empty means the abbreviations.json prefix + resourceToken.
@description('Resource group name override.')
param resourceGroupName string = ''
@description('Function app name override.')
param functionAppName string = ''
@description('Flex Consumption plan name override.')
param appServicePlanName string = ''
@description('Storage account name override (3-24 lower-case letters and digits).')
param storageAccountName string = ''
@description('Key vault name override (3-24 letters, digits and hyphens).')
param keyVaultName string = ''
@description('User-assigned identity name override.')
param userAssignedIdentityName string = ''
@description('Log Analytics workspace name override.')
param logAnalyticsName string = ''
@description('Application Insights name override.')
param applicationInsightsName string = ''

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on instances per function group (Flex Consumption). Most regions accept 40-1000; a few accept lower values.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Gemini model (Gemini:Model).')
param geminiModel string = 'gemini-3.1-flash-lite'

@description('What a lead gets while the daily Gemini quota is spent: the rule fallback at once, or a wait until the quota resets (Gemini:WhenQuotaSpent).')
@allowed(['fallback', 'wait'])
param geminiWhenQuotaSpent string = 'fallback'

@description('Requests per minute your Gemini key allows for the model (15 on the free tier of the Flash-Lite models; paid tiers allow far more). Split evenly across instances.')
@minValue(1)
param geminiRequestsPerMinute int = 15

@secure()
@description('Gemini API key, stored as a Key Vault secret. Empty: the secret is left as it is (set it with az keyvault secret set).')
param geminiApiKey string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}api-${resourceToken}'
// Container names are lower case, at most 63 characters.
var deploymentContainerName = toLower('app-package-${take(appName, 32)}-${take(uniqueString(appName, resourceToken), 7)}')
var geminiSecretName = 'gemini-api-key'
// Names are computed here, not read from module outputs, so What-If can predict every resource id.
var identityName = !empty(userAssignedIdentityName) ? userAssignedIdentityName : '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageName = !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
var vaultName = !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
var appInsightsName = !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'

// Gemini:RequestsPerMinute is enforced by each instance on its own (an in-memory rate limiter in the worker),
// and each instance runs up to batchSize 16 + newBatchThreshold 8 = 24 score-leads messages at once (host.json).
// The limiter, not the batch size, bounds Gemini traffic. Flex Consumption scales each non-HTTP function as its
// own group of at most maximumInstanceCount instances, and only the score-leads function calls Gemini, so the
// app sends at most maximumInstanceCount x Gemini:RequestsPerMinute requests per minute. Splitting the model's
// limit evenly keeps that within geminiRequestsPerMinute. The share is at least 1 (0 would disable the AI), so a
// key allowing fewer requests per minute than maximumInstanceCount can be overrun at full scale-out; those calls
// get 429 and the leads fall back to rules (docs/deploy.md, "Scaling and Gemini's rate limit").
var geminiRequestsPerMinutePerInstance = max(1, geminiRequestsPerMinute / maximumInstanceCount)

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: appInsightsName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: vaultName
    location: location
    tags: tags
    geminiSecretName: geminiSecretName
    geminiApiKey: geminiApiKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageName
    keyVaultName: vaultName
    applicationInsightsName: appInsightsName
    identityName: identityName
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  dependsOn: [
    identity
    monitoring
    storage
    keyVault
  ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: appName
    planName: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: appInsightsName
    geminiApiKeySecretUri: '${keyVault.outputs.uri}secrets/${geminiSecretName}'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    geminiModel: geminiModel
    geminiWhenQuotaSpent: geminiWhenQuotaSpent
    geminiRequestsPerMinutePerInstance: geminiRequestsPerMinutePerInstance
  }
  // The roles must exist before the host first starts, or its first storage and Key Vault calls fail; the
  // deployment container must exist before functionAppConfig names it.
  dependsOn: [
    rbac
    storage
    monitoring
  ]
}

// Read by azd into .azure/<env>/.env; names and URLs only, never a key or connection string.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URL string = api.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_FUNCTION_MAXIMUM_INSTANCE_COUNT int = maximumInstanceCount
output GEMINI_REQUESTS_PER_MINUTE_PER_INSTANCE int = geminiRequestsPerMinutePerInstance
// Worst case at full scale-out; above geminiRequestsPerMinute only when the key allows fewer requests per minute
// than maximumInstanceCount.
output GEMINI_REQUESTS_PER_MINUTE_AT_MAXIMUM_SCALE int = geminiRequestsPerMinutePerInstance * maximumInstanceCount
