# Security checks on the ARM JSON compiled from main.bicep (issue 4). Run by .ci/bicep:
#   jq -r -f infra/security-checks.jq main.json
# Prints one line per check, "ok   <what>" or "FAIL <what>: <why>"; .ci/bicep fails on any FAIL line.
# Works on the compiled form: modules are nested Microsoft.Resources/deployments templates, values may be
# ARM expressions ("[parameters('x')]"), and role GUIDs sit in each template's variables.

def check($ok; $what; $why): if $ok then "ok   \($what)" else "FAIL \($what): \($why)" end;

# Every template: the root and each module's inline template.
def templates: [.. | objects | select(has("$schema") and has("resources"))];
# The same, each with the module (deployment) name it was compiled from; "main" for the root.
def named_templates: [{name: "main", t: .}] + [.. | objects | select(.type? == "Microsoft.Resources/deployments")
  | {name: .name, t: .properties.template}];
# A template's own resources, whether an array or (languageVersion 2.0) an object keyed by symbolic name.
def own_resources: .resources | if type == "object" then [.[]] else . end;
def resources_of($type): [templates[] | own_resources[] | select(.type == $type)];
# A role definition GUID, whether written literally or through variables('name') of the same template.
def role_guid($vars):
  if test("variables\\('[^']+'\\)") then $vars[capture("variables\\('(?<v>[^']+)'\\)").v]
  else (capture("(?<g>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})").g // "?")
  end | ascii_downcase;

# Built-in roles as Microsoft publishes them: name, id and the page the id was read from. These are copied from
# the published pages, never from the template, so a mistyped GUID in infra/ fails here instead of agreeing with
# itself (issue 15: the Key Vault Secrets User ID in rbac.bicep was one that does not exist).
def published_roles: [
  {name: "Storage Blob Data Owner", id: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
   page: "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#storage-blob-data-owner"},
  {name: "Storage Queue Data Contributor", id: "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
   page: "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#storage-queue-data-contributor"},
  {name: "Storage Table Data Contributor", id: "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
   page: "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#storage-table-data-contributor"},
  {name: "Key Vault Secrets User", id: "4633458b-17de-408a-b874-0445c86b69e6",
   page: "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-secrets-user"},
  {name: "Key Vault Secrets Officer", id: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
   page: "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-secrets-officer"},
  {name: "Monitoring Metrics Publisher", id: "3913510d-42f4-4e42-8a64-420c390055eb",
   page: "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/monitor#monitoring-metrics-publisher"}
];
def role_id($name): first(published_roles[] | select(.name == $name) | .id);
def role_name: . as $id | first((published_roles[] | select(.id == $id) | .name), "an unpublished role id \($id)");
def published: . as $id | any(published_roles[]; .id == $id);
# rbac.bicep names each role's variable after the role ("Key Vault Secrets User" -> keyVaultSecretsUserRoleId), so a
# published id of another role under a variable (a swapped or pasted GUID) is caught as well.
def role_variable: gsub("[^A-Za-z]"; "") | (.[0:1] | ascii_downcase) + .[1:] + "RoleId";

. as $root
| ($root | resources_of("Microsoft.Storage/storageAccounts")) as $accounts
| ($root | resources_of("Microsoft.Web/sites/config") | map(select(.name | test("appsettings")))) as $settingsResources
| ($settingsResources | map(.properties) | add // {}) as $settings
| ($root | resources_of("Microsoft.Web/sites")) as $sites
| ([$root | templates[] | .variables as $vars | own_resources[]
    | select(.type == "Microsoft.Authorization/roleAssignments")
    | {role: (.properties.roleDefinitionId | role_guid($vars // {})),
       variable: (.properties.roleDefinitionId | capture("variables\\('(?<v>[^']+)'\\)").v // ""),
       scope: (.scope // ""),
       principal: (.properties.principalId // ""),
       principalType: (.properties.principalType // ""),
       conditional: has("condition")}]) as $roles
| ($roles | map(select(.principal | test("Microsoft.ManagedIdentity/userAssignedIdentities")))) as $identityRoles
| ($root | tostring) as $text
| $root
| [
  # --- storage account -------------------------------------------------------------------------------
  check($accounts | length == 1; "one storage account"; "found \($accounts | length)"),
  ($accounts[] | .properties as $p |
    check($p.allowSharedKeyAccess == false; "storage allowSharedKeyAccess is false"; "is \($p.allowSharedKeyAccess)"),
    check($p.minimumTlsVersion == "TLS1_2"; "storage minimumTlsVersion is TLS1_2"; "is \($p.minimumTlsVersion)"),
    check($p.supportsHttpsTrafficOnly == true; "storage supportsHttpsTrafficOnly is true"; "is \($p.supportsHttpsTrafficOnly)"),
    check($p.allowBlobPublicAccess == false; "storage allowBlobPublicAccess is false"; "is \($p.allowBlobPublicAccess)")),
  (resources_of("Microsoft.Storage/storageAccounts/blobServices/containers") as $containers |
    check(($containers | length) >= 1 and ($containers | all(.properties.publicAccess == "None"));
      "blob containers exist and have publicAccess None"; "\($containers | map(.properties.publicAccess))")),
  ([templates[] | select(own_resources | any(.type == "Microsoft.Storage/storageAccounts/queueServices/queues"))
    | .variables // {} | .[] | arrays | .[]] as $queues |
    check(["score-leads", "score-leads-poison", "plan-leads", "plan-leads-poison", "import-leads", "import-leads-poison"] - $queues == [];
      "queues score-leads, plan-leads, import-leads and their -poison queues"; "template declares \($queues)")),
  ([templates[] | select(own_resources | any(.type == "Microsoft.Storage/storageAccounts/tableServices/tables"))
    | .variables // {} | .[] | arrays | .[]] as $tables |
    check(["offers", "uploads", "leads", "people", "results", "runs", "judgements"] - $tables == [];
      "tables offers, uploads, leads, people, results, runs, judgements"; "template declares \($tables)")),

  # --- no keys or connection strings anywhere ------------------------------------------------------------
  check($text | test("listKeys|listAccountSas|listServiceSas|listConnectionStrings"; "i") | not;
    "no list*() key or SAS functions anywhere"; "found one"),
  check($text | test("AccountKey|DefaultEndpointsProtocol|SharedAccessSignature"; "i") | not;
    "no AccountKey / connection-string text anywhere"; "found one"),

  # --- function app ------------------------------------------------------------------------------------
  check($sites | length == 1; "one function app"; "found \($sites | length)"),
  ($sites[] | .properties as $p | $p.functionAppConfig as $f |
    check(.identity.type == "UserAssigned"; "app runs as a user-assigned identity"; "identity type \(.identity.type)"),
    check($p.httpsOnly == true; "app httpsOnly is true"; "is \($p.httpsOnly)"),
    check(($p.keyVaultReferenceIdentity // "") | test("userAssignedIdentities|parameters\\("); 
      "keyVaultReferenceIdentity is the user-assigned identity"; "is \($p.keyVaultReferenceIdentity)"),
    check($f.deployment.storage.type == "blobContainer"
        and $f.deployment.storage.authentication.type == "UserAssignedIdentity"
        and ($f.deployment.storage.authentication.userAssignedIdentityResourceId // "") != "";
      "Flex deployment storage is a blob container read with the user-assigned identity"; "\($f.deployment.storage)"),
    check($f.runtime.name == "dotnet-isolated" and $f.runtime.version == "10.0";
      "runtime dotnet-isolated 10.0"; "\($f.runtime)"),
    check(($f.scaleAndConcurrency | has("instanceMemoryMB") and has("maximumInstanceCount"));
      "scaleAndConcurrency sets instanceMemoryMB and maximumInstanceCount"; "\($f.scaleAndConcurrency)")),
  (resources_of("Microsoft.Web/serverfarms") | map(select(.sku.name == "FC1" and .properties.reserved == true)) |
    check(length == 1; "Flex Consumption plan FC1 on Linux"; "no FC1 plan with reserved true")),

  # --- app settings ------------------------------------------------------------------------------------
  check($settingsResources | length == 1; "one appsettings resource"; "found \($settingsResources | length)"),
  check(($settings.AzureWebJobsStorage__accountName // "") != ""; "AzureWebJobsStorage__accountName is set"; "missing"),
  check($settings.AzureWebJobsStorage__credential == "managedidentity";
    "AzureWebJobsStorage__credential is managedidentity"; "is \($settings.AzureWebJobsStorage__credential)"),
  check(($settings.AzureWebJobsStorage__clientId // "") != ""; "AzureWebJobsStorage__clientId is set"; "missing"),
  check($settings | has("AzureWebJobsStorage") | not; "no AzureWebJobsStorage connection string setting"; "present"),
  ($settings | to_entries | map(select((.key | test("connectionstring|connection_string|accountkey|sas"; "i"))
      and .key != "APPLICATIONINSIGHTS_CONNECTION_STRING")) |
    check(length == 0; "no other connection-string or key settings"; "\(map(.key))")),
  check(($settings.GEMINI_API_KEY // "") | test("@Microsoft\\.KeyVault\\(SecretUri=");
    "GEMINI_API_KEY is a Key Vault reference"; "is \($settings.GEMINI_API_KEY)"),
  check(($settings.Gemini__Model // "") != "" and ($settings.Gemini__RequestsPerMinute // "") != "";
    "Gemini__Model and Gemini__RequestsPerMinute are set"; "missing"),
  # The per-instance Gemini budget is the model's limit split over the instance cap the app is deployed with.
  ([$root.resources[] | select(.type == "Microsoft.Resources/deployments" and .name == "api")][0].properties.parameters
    as $api
    | ($root.variables.geminiRequestsPerMinutePerInstance // "") as $split
    | check(($api.geminiRequestsPerMinutePerInstance.value // "" | contains("geminiRequestsPerMinutePerInstance"))
        and ($split | contains("div(parameters('geminiRequestsPerMinute'), parameters('maximumInstanceCount'))"))
        and ($api.maximumInstanceCount.value == "[parameters('maximumInstanceCount')]");
      "Gemini__RequestsPerMinute = geminiRequestsPerMinute / maximumInstanceCount of the deployed app";
      "split \($split), app gets \($api.maximumInstanceCount.value)")),

  # --- key vault and monitoring ------------------------------------------------------------------------
  (resources_of("Microsoft.KeyVault/vaults") |
    check(length == 1 and all(.properties.enableRbacAuthorization == true);
      "one key vault with RBAC authorization"; "\(map(.properties.enableRbacAuthorization))")),
  (resources_of("Microsoft.KeyVault/vaults/secrets") |
    check(all((.properties.value // "") | test("^\\[parameters\\('")); "secret values come from parameters only";
      "a literal secret value")),
  (resources_of("Microsoft.Insights/components") |
    check(length == 1 and all(.properties.WorkspaceResourceId != null);
      "Application Insights on a Log Analytics workspace"; "missing or not workspace-based")),

  # --- no secrets in outputs ---------------------------------------------------------------------------
  (named_templates[] | .name as $deployment | .t as $t
    | [($t.parameters // {}) | to_entries[] | select(.value.type | ascii_downcase | test("^secure")) | .key] as $secure
    | ($t.outputs // {}) | to_entries[]
    | (.value | tostring) as $value
    | check((.value.type | ascii_downcase | test("^secure") | not)
        and (.key | test("secret|password|connectionstring|connection_string|apikey|api_key|accountkey|account_key|sas"; "i") | not)
        and ($value | test("list[A-Za-z]*\\(") | not)
        and ($secure | all(. as $s | $value | contains("parameters('\($s)')") | not));
      "output \(.key) of \($deployment) carries no secret"; "secure type, secret-like name, list*() or secure parameter")),
  (["AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_APP_URL"] - ($root.outputs | keys) |
    check(length == 0; "outputs AZURE_FUNCTION_APP_NAME and AZURE_FUNCTION_APP_URL"; "missing \(.)")),

  # --- role assignments --------------------------------------------------------------------------------
  ($roles[] |
    check(.role | published; "role \(.role) is a published built-in role (\(.role | role_name))";
      "no built-in role has this id; see the pages in published_roles")),
  ($roles[] | select(.variable != "" and (.role | published)) |
    check(.variable == (.role | role_name | role_variable); "variable \(.variable) holds the id of \(.role | role_name)";
      "the id is that of \(.role | role_name); the variable names another role")),
  ($identityRoles | map(.role) | sort) as $got
  | (["Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor",
      "Key Vault Secrets User", "Monitoring Metrics Publisher"] | map(role_id(.)) | sort) as $want
  | check($got == $want; "the app identity has exactly Blob Data Owner, Queue and Table Data Contributor, Key Vault Secrets User, Monitoring Metrics Publisher";
      "has \($got | map(role_name))"),
  ($identityRoles[] | select(.role | role_name | test("^Storage (Blob|Queue|Table) Data")) |
    check((.scope | test("Microsoft.Storage/storageAccounts")) and (.conditional | not);
      "\(.role | role_name) is unconditional and scoped to the storage account"; "scope \(.scope)")),
  ($identityRoles[] | select(.role == role_id("Key Vault Secrets User")) |
    check((.scope | test("Microsoft.KeyVault/vaults")) and (.conditional | not);
      "Key Vault Secrets User is scoped to the vault"; "scope \(.scope)")),
  ($roles | map(select(.scope == "")) |
    check(length == 0; "no role assignment at resource-group or subscription scope"; "\(length) without a resource scope"))
] | .[]
