// The Flex Consumption (FC1, Linux) plan and the function app, following the shape of
// Azure-Samples/functions-quickstart-dotnet-azd infra/app/api.bicep with plain resources instead of
// br/public: modules (CI compiles offline).
@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region (must offer Flex Consumption: az functionapp list-flexconsumption-locations).')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account behind AzureWebJobsStorage.')
param storageAccountName string

@description('Blob container the app package is deployed to.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Key Vault reference to the Gemini API key: the secret URI without a version.')
param geminiApiKeySecretUri string

@description('Memory per instance in MB.')
param instanceMemoryMB int

@description('Upper bound on the number of instances.')
param maximumInstanceCount int

@description('Gemini model name (Gemini:Model).')
param geminiModel string

@description('Gemini:WhenQuotaSpent: fallback or wait.')
@allowed(['fallback', 'wait'])
param geminiWhenQuotaSpent string

@description('Gemini requests per minute each instance may send (Gemini:RequestsPerMinute).')
param geminiRequestsPerMinutePerInstance int

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy the `api` service of azure.yaml to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (the default would be a system identity,
    // which this app does not have).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption sets FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and the package location from
  // functionAppConfig and rejects them as app settings, so they are not here.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Identity-based host and data storage (no connection string, no key; the account has shared keys off).
      AzureWebJobsStorage__accountName: storage.name
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // DefaultAzureCredential in the worker picks the user-assigned identity by this client id.
      AZURE_CLIENT_ID: identityClientId
      // The connection string holds only the ingestion endpoint and instrumentation key; ingestion needs the
      // Entra ID token named by the authentication string (local auth is disabled in monitoring.bicep).
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      Gemini__Model: geminiModel
      Gemini__WhenQuotaSpent: geminiWhenQuotaSpent
      // Enforced per instance by the app, so main.bicep divides the model's limit by the instance count.
      Gemini__RequestsPerMinute: string(geminiRequestsPerMinutePerInstance)
      // Versionless secret URI: a rotated key is picked up without redeploying.
      GEMINI_API_KEY: '@Microsoft.KeyVault(SecretUri=${geminiApiKeySecretUri})'
    }
  }

  // Deployments (azd, az functionapp deployment, Core Tools) authenticate with Entra ID; no publishing passwords.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = functionApp.name
output url string = 'https://${functionApp.properties.defaultHostName}'
