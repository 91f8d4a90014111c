using System.Reflection;

namespace LeadScoring.LocalHost.Catalog;

/// <summary>One <c>[Function]</c> method as the Functions host would see it.</summary>
public abstract record FunctionDescriptor(string Name, Type FunctionType, MethodInfo Method);
