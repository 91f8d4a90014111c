using System.Reflection;

namespace LeadScoring.LocalHost.Catalog;

public sealed record QueueFunctionDescriptor(
    string Name, Type FunctionType, MethodInfo Method, string QueueName, string Connection, ParameterInfo MessageParameter)
    : FunctionDescriptor(Name, FunctionType, Method);
