using System.Reflection;

namespace LeadScoring.LocalHost.Catalog;

public sealed record TimerFunctionDescriptor(
    string Name, Type FunctionType, MethodInfo Method, string Schedule, bool RunOnStartup, ParameterInfo TimerParameter)
    : FunctionDescriptor(Name, FunctionType, Method);
