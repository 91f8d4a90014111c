// The user-assigned identity the function app runs as. A user-assigned (not system-assigned) identity exists
// before the app does, so its roles (rbac.bicep) are granted before the host first starts and the Flex
// deployment container can name it in functionAppConfig.
@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
