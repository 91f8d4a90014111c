// The one storage account behind AzureWebJobsStorage: host state, the Flex deployment package, the scoring
// queues and the data tables (issue 3 design: one connection for host and data).
@description('Name of the storage account (3-24 lower-case letters and digits).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

// These are LeadScoring.Scoring.Storage.StorageNames, checked by InfrastructureNamesTests. Creating them with the
// account means the app never depends on creating them itself (the data roles in rbac.bicep can, but need not).
var queueNames = [
  'score-leads'
  'score-leads-poison'
  'plan-leads'
  'plan-leads-poison'
  'import-leads'
  'import-leads-poison'
  'train-models'
  'train-models-poison'
]
var tableNames = [
  'offers'
  'uploads'
  'leads'
  'people'
  'results'
  'runs'
  'judgements'
  'outcomes'
  'sweeps'
]
// Files staged for background imports, and the offers' learned models (and their training leases); Storage Blob
// Data Owner (rbac.bicep) covers their blobs and leases.
var containerNames = [
  'imports'
  'models'
]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    // Identity-only access: no account keys, so no connection string can exist for this account.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    // Flex Consumption without VNet integration reaches storage over its public endpoint; the data plane
    // still demands an Entra ID token with one of the roles in rbac.bicep.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }

    resource appContainers 'containers' = [
      for containerName in containerNames: {
        name: containerName
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queueName in queueNames: {
        name: queueName
      }
    ]
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for tableName in tableNames: {
        name: tableName
      }
    ]
  }
}

output name string = storage.name
