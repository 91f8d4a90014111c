using System.Reflection;

namespace LeadScoring.LocalHost.Catalog;

public sealed record HttpFunctionDescriptor(
    string Name, Type FunctionType, MethodInfo Method, string Route, IReadOnlyList<string> Methods, string AuthLevel)
    : FunctionDescriptor(Name, FunctionType, Method);
