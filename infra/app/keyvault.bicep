// Key Vault for the Gemini API key. RBAC authorization (no access policies): the app's identity reads it as
// Key Vault Secrets User through an app-setting Key Vault reference (rbac.bicep, api.bicep).
@description('Name of the key vault (3-24 letters, digits and hyphens).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Name of the secret that holds the Gemini API key.')
param geminiSecretName string

@secure()
@description('Gemini API key. Empty: the secret is not created or changed; set it later with az keyvault secret set.')
param geminiApiKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // Short retention so that `azd down --purge` and a redeploy under the same name are cheap in a dev loop.
    softDeleteRetentionInDays: 7
    // Flex Consumption without VNet integration has no fixed outbound addresses to allow-list.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  // Skipped when no key is given, so a redeploy without the parameter keeps the secret already stored.
  resource geminiSecret 'secrets' = if (!empty(geminiApiKey)) {
    name: geminiSecretName
    properties: {
      value: geminiApiKey
      contentType: 'text/plain'
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
